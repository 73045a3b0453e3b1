// The PDF writer: see PDFDocument.swift.
