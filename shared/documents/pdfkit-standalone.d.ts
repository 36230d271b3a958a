/// <reference types="pdfkit" />
/**
 * Types of pdfkit's browserified build. It carries its own shims (stream, zlib, Buffer) and the
 * standard fonts' metrics, so the same document code runs in the browser (bundled by vite) and
 * under Node (tests) without touching the file system.
 */
declare module 'pdfkit/js/pdfkit.standalone.js' {
  const PDFDocument: PDFKit.PDFDocument;
  export = PDFDocument;
}
