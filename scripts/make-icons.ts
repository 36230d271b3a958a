/** Renders resources/icon.svg to the PNG sizes electron-builder and the web manifest use. */
import sharp from 'sharp';
import { fileURLToPath } from 'node:url';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
for (const size of [512, 256, 192]) {
  const name = size === 512 ? 'icon.png' : `icon-${size}.png`;
  await sharp(`${resources}icon.svg`).resize(size, size).png({ compressionLevel: 9 }).toFile(`${resources}${name}`);
  console.log(`resources/${name}`);
}
