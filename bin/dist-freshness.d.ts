export function sourceHash(root: string): string;
export const DIST_MANIFEST: string;
export function currentDist(root: string): string | undefined;
