// The part of fontkit (pdfkit's font engine, no typings of its own) the PDF kit uses: parsing a TrueType file once.
declare module 'fontkit' {
  export interface FontkitFont {
    postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}
