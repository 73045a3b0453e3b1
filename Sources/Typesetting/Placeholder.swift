// Typesetting: see Font.swift.
