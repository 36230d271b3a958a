/** The directory's public paths now live in shared/ (the pages' renderers use them too). */
export * from '../../shared/directory/paths.js';
