// Generated once (not at build time) from ISO 32000-1 Annex D (StandardEncoding, MacRomanEncoding,
// WinAnsiEncoding, with D.2's notes: WinAnsi 0xA0 is space, 0xAD hyphen), the built-in encodings of
// the URW fonts standing in for Symbol and ZapfDingbats (their .afm files in fonts-urw-base35) and
// the Adobe Glyph List (which has no entries for ZapfDingbats' a1…a191: those stand for no text
// here). Data, not logic.

/// The simple fonts' base encodings and what the glyph names in them stand for.
enum GlyphNames {
    /// Codes 0–255, 16 a line, "-" where the encoding has no glyph.
    static let standardNames = """
        - - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        space exclam quotedbl numbersign dollar percent ampersand quoteright parenleft parenright asterisk plus comma hyphen period slash
        zero one two three four five six seven eight nine colon semicolon less equal greater question
        at A B C D E F G H I J K L M N O
        P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore
        quoteleft a b c d e f g h i j k l m n o
        p q r s t u v w x y z braceleft bar braceright asciitilde -
        - - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        - exclamdown cent sterling fraction yen florin section currency quotesingle quotedblleft guillemotleft guilsinglleft guilsinglright fi fl
        - endash dagger daggerdbl periodcentered - paragraph bullet quotesinglbase quotedblbase quotedblright guillemotright ellipsis perthousand - questiondown
        - grave acute circumflex tilde macron breve dotaccent dieresis - ring cedilla - hungarumlaut ogonek caron
        emdash - - - - - - - - - - - - - - -
        - AE - ordfeminine - - - - Lslash Oslash OE ordmasculine - - - -
        - ae - - - dotlessi - - lslash oslash oe germandbls - - - -
        """
    /// Codes 0–255, 16 a line, "-" where the encoding has no glyph.
    static let macRomanNames = """
        - - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash
        zero one two three four five six seven eight nine colon semicolon less equal greater question
        at A B C D E F G H I J K L M N O
        P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore
        grave a b c d e f g h i j k l m n o
        p q r s t u v w x y z braceleft bar braceright asciitilde -
        Adieresis Aring Ccedilla Eacute Ntilde Odieresis Udieresis aacute agrave acircumflex adieresis atilde aring ccedilla eacute egrave
        ecircumflex edieresis iacute igrave icircumflex idieresis ntilde oacute ograve ocircumflex odieresis otilde uacute ugrave ucircumflex udieresis
        dagger degree cent sterling section bullet paragraph germandbls registered copyright trademark acute dieresis - AE Oslash
        - plusminus - - yen mu - - - - - ordfeminine ordmasculine - ae oslash
        questiondown exclamdown logicalnot - florin - - guillemotleft guillemotright ellipsis - Agrave Atilde Otilde OE oe
        endash emdash quotedblleft quotedblright quoteleft quoteright divide - ydieresis Ydieresis fraction currency guilsinglleft guilsinglright fi fl
        daggerdbl periodcentered quotesinglbase quotedblbase perthousand Acircumflex Ecircumflex Aacute Edieresis Egrave Iacute Icircumflex Idieresis Igrave Oacute Ocircumflex
        - Ograve Uacute Ucircumflex Ugrave dotlessi circumflex tilde macron breve dotaccent ring cedilla hungarumlaut ogonek caron
        """
    /// Codes 0–255, 16 a line, "-" where the encoding has no glyph.
    static let winAnsiNames = """
        - - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash
        zero one two three four five six seven eight nine colon semicolon less equal greater question
        at A B C D E F G H I J K L M N O
        P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore
        grave a b c d e f g h i j k l m n o
        p q r s t u v w x y z braceleft bar braceright asciitilde -
        Euro - quotesinglbase florin quotedblbase ellipsis dagger daggerdbl circumflex perthousand Scaron guilsinglleft OE - Zcaron -
        - quoteleft quoteright quotedblleft quotedblright bullet endash emdash tilde trademark scaron guilsinglright oe - zcaron Ydieresis
        space exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron
        degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown
        Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis
        Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls
        agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis
        eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis
        """
    /// Codes 0–255, 16 a line, "-" where the encoding has no glyph.
    static let symbolNames = """
        - - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        space exclam universal numbersign existential percent ampersand suchthat parenleft parenright asteriskmath plus comma minus period slash
        zero one two three four five six seven eight nine colon semicolon less equal greater question
        congruent Alpha Beta Chi Delta Epsilon Phi Gamma Eta Iota theta1 Kappa Lambda Mu Nu Omicron
        Pi Theta Rho Sigma Tau Upsilon sigma1 Omega Xi Psi Zeta bracketleft therefore bracketright perpendicular underscore
        radicalex alpha beta chi delta epsilon phi gamma eta iota phi1 kappa lambda mu nu omicron
        pi theta rho sigma tau upsilon omega1 omega xi psi zeta braceleft bar braceright similar -
        apple - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        Euro Upsilon1 minute lessequal fraction infinity florin club diamond heart spade arrowboth arrowleft arrowup arrowright arrowdown
        degree plusminus second greaterequal multiply proportional partialdiff bullet divide notequal equivalence approxequal ellipsis arrowvertex arrowhorizex carriagereturn
        aleph Ifraktur Rfraktur weierstrass circlemultiply circleplus emptyset intersection union propersuperset reflexsuperset notsubset propersubset reflexsubset element notelement
        angle gradient registerserif copyrightserif trademarkserif product radical dotmath logicalnot logicaland logicalor arrowdblboth arrowdblleft arrowdblup arrowdblright arrowdbldown
        lozenge angleleft registersans copyrightsans trademarksans summation parenlefttp parenleftex parenleftbt bracketlefttp bracketleftex bracketleftbt bracelefttp braceleftmid braceleftbt braceex
        - angleright integral integraltp integralex integralbt parenrighttp parenrightex parenrightbt bracketrighttp bracketrightex bracketrightbt bracerighttp bracerightmid bracerightbt -
        """
    /// Codes 0–255, 16 a line, "-" where the encoding has no glyph.
    static let zapfDingbatsNames = """
        - - - - - - - - - - - - - - - -
        - - - - - - - - - - - - - - - -
        space a1 a2 a202 a3 a4 a5 a119 a118 a117 a11 a12 a13 a14 a15 a16
        a105 a17 a18 a19 a20 a21 a22 a23 a24 a25 a26 a27 a28 a6 a7 a8
        a9 a10 a29 a30 a31 a32 a33 a34 a35 a36 a37 a38 a39 a40 a41 a42
        a43 a44 a45 a46 a47 a48 a49 a50 a51 a52 a53 a54 a55 a56 a57 a58
        a59 a60 a61 a62 a63 a64 a65 a66 a67 a68 a69 a70 a71 a72 a73 a74
        a203 a75 a204 a76 a77 a78 a79 a81 a82 a83 a84 a97 a98 a99 a100 -
        a89 a90 a93 a94 a91 a92 a205 a85 a206 a86 a87 a88 a95 a96 - -
        - - - - - - - - - - - - - - - -
        - a101 a102 a103 a104 a106 a107 a108 a112 a111 a110 a109 a120 a121 a122 a123
        a124 a125 a126 a127 a128 a129 a130 a131 a132 a133 a134 a135 a136 a137 a138 a139
        a140 a141 a142 a143 a144 a145 a146 a147 a148 a149 a150 a151 a152 a153 a154 a155
        a156 a157 a158 a159 a160 a161 a163 a164 a196 a165 a192 a166 a167 a168 a169 a170
        a171 a172 a173 a162 a174 a175 a176 a177 a178 a179 a193 a180 a199 a181 a200 a182
        - a201 a183 a184 a197 a185 a194 a198 a186 a195 a187 a188 a189 a190 a191 -
        """
    /// Glyph name → the text it stands for, for every name of the tables above.
    static let unicode: [String: Unicode.Scalar] = [
        "A": "\u{0041}", "AE": "\u{00C6}", "Aacute": "\u{00C1}", "Acircumflex": "\u{00C2}", "Adieresis": "\u{00C4}",
        "Agrave": "\u{00C0}", "Alpha": "\u{0391}", "Aring": "\u{00C5}", "Atilde": "\u{00C3}", "B": "\u{0042}",
        "Beta": "\u{0392}", "C": "\u{0043}", "Ccedilla": "\u{00C7}", "Chi": "\u{03A7}", "D": "\u{0044}",
        "Delta": "\u{2206}", "E": "\u{0045}", "Eacute": "\u{00C9}", "Ecircumflex": "\u{00CA}",
        "Edieresis": "\u{00CB}", "Egrave": "\u{00C8}", "Epsilon": "\u{0395}", "Eta": "\u{0397}", "Eth": "\u{00D0}",
        "Euro": "\u{20AC}", "F": "\u{0046}", "G": "\u{0047}", "Gamma": "\u{0393}", "H": "\u{0048}", "I": "\u{0049}",
        "Iacute": "\u{00CD}", "Icircumflex": "\u{00CE}", "Idieresis": "\u{00CF}", "Ifraktur": "\u{2111}",
        "Igrave": "\u{00CC}", "Iota": "\u{0399}", "J": "\u{004A}", "K": "\u{004B}", "Kappa": "\u{039A}",
        "L": "\u{004C}", "Lambda": "\u{039B}", "Lslash": "\u{0141}", "M": "\u{004D}", "Mu": "\u{039C}",
        "N": "\u{004E}", "Ntilde": "\u{00D1}", "Nu": "\u{039D}", "O": "\u{004F}", "OE": "\u{0152}",
        "Oacute": "\u{00D3}", "Ocircumflex": "\u{00D4}", "Odieresis": "\u{00D6}", "Ograve": "\u{00D2}",
        "Omega": "\u{2126}", "Omicron": "\u{039F}", "Oslash": "\u{00D8}", "Otilde": "\u{00D5}", "P": "\u{0050}",
        "Phi": "\u{03A6}", "Pi": "\u{03A0}", "Psi": "\u{03A8}", "Q": "\u{0051}", "R": "\u{0052}",
        "Rfraktur": "\u{211C}", "Rho": "\u{03A1}", "S": "\u{0053}", "Scaron": "\u{0160}", "Sigma": "\u{03A3}",
        "T": "\u{0054}", "Tau": "\u{03A4}", "Theta": "\u{0398}", "Thorn": "\u{00DE}", "U": "\u{0055}",
        "Uacute": "\u{00DA}", "Ucircumflex": "\u{00DB}", "Udieresis": "\u{00DC}", "Ugrave": "\u{00D9}",
        "Upsilon": "\u{03A5}", "Upsilon1": "\u{03D2}", "V": "\u{0056}", "W": "\u{0057}", "X": "\u{0058}",
        "Xi": "\u{039E}", "Y": "\u{0059}", "Yacute": "\u{00DD}", "Ydieresis": "\u{0178}", "Z": "\u{005A}",
        "Zcaron": "\u{017D}", "Zeta": "\u{0396}", "a": "\u{0061}", "aacute": "\u{00E1}", "acircumflex": "\u{00E2}",
        "acute": "\u{00B4}", "adieresis": "\u{00E4}", "ae": "\u{00E6}", "agrave": "\u{00E0}", "aleph": "\u{2135}",
        "alpha": "\u{03B1}", "ampersand": "\u{0026}", "angle": "\u{2220}", "angleleft": "\u{2329}",
        "angleright": "\u{232A}", "apple": "\u{F8FF}", "approxequal": "\u{2248}", "aring": "\u{00E5}",
        "arrowboth": "\u{2194}", "arrowdblboth": "\u{21D4}", "arrowdbldown": "\u{21D3}", "arrowdblleft": "\u{21D0}",
        "arrowdblright": "\u{21D2}", "arrowdblup": "\u{21D1}", "arrowdown": "\u{2193}", "arrowhorizex": "\u{F8E7}",
        "arrowleft": "\u{2190}", "arrowright": "\u{2192}", "arrowup": "\u{2191}", "arrowvertex": "\u{F8E6}",
        "asciicircum": "\u{005E}", "asciitilde": "\u{007E}", "asterisk": "\u{002A}", "asteriskmath": "\u{2217}",
        "at": "\u{0040}", "atilde": "\u{00E3}", "b": "\u{0062}", "backslash": "\u{005C}", "bar": "\u{007C}",
        "beta": "\u{03B2}", "braceex": "\u{F8F4}", "braceleft": "\u{007B}", "braceleftbt": "\u{F8F3}",
        "braceleftmid": "\u{F8F2}", "bracelefttp": "\u{F8F1}", "braceright": "\u{007D}", "bracerightbt": "\u{F8FE}",
        "bracerightmid": "\u{F8FD}", "bracerighttp": "\u{F8FC}", "bracketleft": "\u{005B}",
        "bracketleftbt": "\u{F8F0}", "bracketleftex": "\u{F8EF}", "bracketlefttp": "\u{F8EE}",
        "bracketright": "\u{005D}", "bracketrightbt": "\u{F8FB}", "bracketrightex": "\u{F8FA}",
        "bracketrighttp": "\u{F8F9}", "breve": "\u{02D8}", "brokenbar": "\u{00A6}", "bullet": "\u{2022}",
        "c": "\u{0063}", "caron": "\u{02C7}", "carriagereturn": "\u{21B5}", "ccedilla": "\u{00E7}",
        "cedilla": "\u{00B8}", "cent": "\u{00A2}", "chi": "\u{03C7}", "circlemultiply": "\u{2297}",
        "circleplus": "\u{2295}", "circumflex": "\u{02C6}", "club": "\u{2663}", "colon": "\u{003A}",
        "comma": "\u{002C}", "congruent": "\u{2245}", "copyright": "\u{00A9}", "copyrightsans": "\u{F8E9}",
        "copyrightserif": "\u{F6D9}", "currency": "\u{00A4}", "d": "\u{0064}", "dagger": "\u{2020}",
        "daggerdbl": "\u{2021}", "degree": "\u{00B0}", "delta": "\u{03B4}", "diamond": "\u{2666}",
        "dieresis": "\u{00A8}", "divide": "\u{00F7}", "dollar": "\u{0024}", "dotaccent": "\u{02D9}",
        "dotlessi": "\u{0131}", "dotmath": "\u{22C5}", "e": "\u{0065}", "eacute": "\u{00E9}",
        "ecircumflex": "\u{00EA}", "edieresis": "\u{00EB}", "egrave": "\u{00E8}", "eight": "\u{0038}",
        "element": "\u{2208}", "ellipsis": "\u{2026}", "emdash": "\u{2014}", "emptyset": "\u{2205}",
        "endash": "\u{2013}", "epsilon": "\u{03B5}", "equal": "\u{003D}", "equivalence": "\u{2261}",
        "eta": "\u{03B7}", "eth": "\u{00F0}", "exclam": "\u{0021}", "exclamdown": "\u{00A1}",
        "existential": "\u{2203}", "f": "\u{0066}", "fi": "\u{FB01}", "five": "\u{0035}", "fl": "\u{FB02}",
        "florin": "\u{0192}", "four": "\u{0034}", "fraction": "\u{2044}", "g": "\u{0067}", "gamma": "\u{03B3}",
        "germandbls": "\u{00DF}", "gradient": "\u{2207}", "grave": "\u{0060}", "greater": "\u{003E}",
        "greaterequal": "\u{2265}", "guillemotleft": "\u{00AB}", "guillemotright": "\u{00BB}",
        "guilsinglleft": "\u{2039}", "guilsinglright": "\u{203A}", "h": "\u{0068}", "heart": "\u{2665}",
        "hungarumlaut": "\u{02DD}", "hyphen": "\u{002D}", "i": "\u{0069}", "iacute": "\u{00ED}",
        "icircumflex": "\u{00EE}", "idieresis": "\u{00EF}", "igrave": "\u{00EC}", "infinity": "\u{221E}",
        "integral": "\u{222B}", "integralbt": "\u{2321}", "integralex": "\u{F8F5}", "integraltp": "\u{2320}",
        "intersection": "\u{2229}", "iota": "\u{03B9}", "j": "\u{006A}", "k": "\u{006B}", "kappa": "\u{03BA}",
        "l": "\u{006C}", "lambda": "\u{03BB}", "less": "\u{003C}", "lessequal": "\u{2264}", "logicaland": "\u{2227}",
        "logicalnot": "\u{00AC}", "logicalor": "\u{2228}", "lozenge": "\u{25CA}", "lslash": "\u{0142}",
        "m": "\u{006D}", "macron": "\u{00AF}", "minus": "\u{2212}", "minute": "\u{2032}", "mu": "\u{00B5}",
        "multiply": "\u{00D7}", "n": "\u{006E}", "nine": "\u{0039}", "notelement": "\u{2209}", "notequal": "\u{2260}",
        "notsubset": "\u{2284}", "ntilde": "\u{00F1}", "nu": "\u{03BD}", "numbersign": "\u{0023}", "o": "\u{006F}",
        "oacute": "\u{00F3}", "ocircumflex": "\u{00F4}", "odieresis": "\u{00F6}", "oe": "\u{0153}",
        "ogonek": "\u{02DB}", "ograve": "\u{00F2}", "omega": "\u{03C9}", "omega1": "\u{03D6}", "omicron": "\u{03BF}",
        "one": "\u{0031}", "onehalf": "\u{00BD}", "onequarter": "\u{00BC}", "onesuperior": "\u{00B9}",
        "ordfeminine": "\u{00AA}", "ordmasculine": "\u{00BA}", "oslash": "\u{00F8}", "otilde": "\u{00F5}",
        "p": "\u{0070}", "paragraph": "\u{00B6}", "parenleft": "\u{0028}", "parenleftbt": "\u{F8ED}",
        "parenleftex": "\u{F8EC}", "parenlefttp": "\u{F8EB}", "parenright": "\u{0029}", "parenrightbt": "\u{F8F8}",
        "parenrightex": "\u{F8F7}", "parenrighttp": "\u{F8F6}", "partialdiff": "\u{2202}", "percent": "\u{0025}",
        "period": "\u{002E}", "periodcentered": "\u{00B7}", "perpendicular": "\u{22A5}", "perthousand": "\u{2030}",
        "phi": "\u{03C6}", "phi1": "\u{03D5}", "pi": "\u{03C0}", "plus": "\u{002B}", "plusminus": "\u{00B1}",
        "product": "\u{220F}", "propersubset": "\u{2282}", "propersuperset": "\u{2283}", "proportional": "\u{221D}",
        "psi": "\u{03C8}", "q": "\u{0071}", "question": "\u{003F}", "questiondown": "\u{00BF}",
        "quotedbl": "\u{0022}", "quotedblbase": "\u{201E}", "quotedblleft": "\u{201C}", "quotedblright": "\u{201D}",
        "quoteleft": "\u{2018}", "quoteright": "\u{2019}", "quotesinglbase": "\u{201A}", "quotesingle": "\u{0027}",
        "r": "\u{0072}", "radical": "\u{221A}", "radicalex": "\u{F8E5}", "reflexsubset": "\u{2286}",
        "reflexsuperset": "\u{2287}", "registered": "\u{00AE}", "registersans": "\u{F8E8}",
        "registerserif": "\u{F6DA}", "rho": "\u{03C1}", "ring": "\u{02DA}", "s": "\u{0073}", "scaron": "\u{0161}",
        "second": "\u{2033}", "section": "\u{00A7}", "semicolon": "\u{003B}", "seven": "\u{0037}",
        "sigma": "\u{03C3}", "sigma1": "\u{03C2}", "similar": "\u{223C}", "six": "\u{0036}", "slash": "\u{002F}",
        "space": "\u{0020}", "spade": "\u{2660}", "sterling": "\u{00A3}", "suchthat": "\u{220B}",
        "summation": "\u{2211}", "t": "\u{0074}", "tau": "\u{03C4}", "therefore": "\u{2234}", "theta": "\u{03B8}",
        "theta1": "\u{03D1}", "thorn": "\u{00FE}", "three": "\u{0033}", "threequarters": "\u{00BE}",
        "threesuperior": "\u{00B3}", "tilde": "\u{02DC}", "trademark": "\u{2122}", "trademarksans": "\u{F8EA}",
        "trademarkserif": "\u{F6DB}", "two": "\u{0032}", "twosuperior": "\u{00B2}", "u": "\u{0075}",
        "uacute": "\u{00FA}", "ucircumflex": "\u{00FB}", "udieresis": "\u{00FC}", "ugrave": "\u{00F9}",
        "underscore": "\u{005F}", "union": "\u{222A}", "universal": "\u{2200}", "upsilon": "\u{03C5}",
        "v": "\u{0076}", "w": "\u{0077}", "weierstrass": "\u{2118}", "x": "\u{0078}", "xi": "\u{03BE}",
        "y": "\u{0079}", "yacute": "\u{00FD}", "ydieresis": "\u{00FF}", "yen": "\u{00A5}", "z": "\u{007A}",
        "zcaron": "\u{017E}", "zero": "\u{0030}", "zeta": "\u{03B6}",
    ]
}
