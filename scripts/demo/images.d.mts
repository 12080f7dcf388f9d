/** Types of scripts/demo/images.mjs. */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer;
export function chartPng(width?: number, height?: number): Buffer;
export function logoPng(size?: number): Buffer;
export function sunsetJpeg(width?: number, height?: number): Buffer;
