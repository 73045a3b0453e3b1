import Foundation

/// Where SwiftPM put `Fonts/fallback.json`, beside the built executable.
public enum BundledFonts {
    public static var configurationPath: String {
        Bundle.module.url(forResource: "fallback", withExtension: "json")?.path
            ?? Bundle.module.bundlePath + "/fallback.json"
    }
}
