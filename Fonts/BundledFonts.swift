import InstalledData

/// Where the font configuration (`Fonts/fallback.json`) is found at run time: installed as
/// `<prefix>/share/portfolio-export/fonts/fallback.json`, or SwiftPM's resource bundle in a build
/// tree (`DataFolder`).
public enum BundledFonts {
    public static var configurationPath: String { DataFolder.resolved.fontConfiguration.path }
}
