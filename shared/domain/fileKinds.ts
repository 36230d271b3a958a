/**
 * What a photo is for: the fabric, the model (a style to copy) or the workshop's portfolio. The
 * host checks a photo's kind with this list before keeping it; the hub stores files by kind.
 */
export const FILE_KINDS = ['fabric', 'model', 'portfolio'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

