// One reported difference between two versions of the contract.

/** breaking: code written against the old contract can fail; compatible: it keeps working; docs and example: what readers see. */
export type ChangeKind = 'breaking' | 'compatible' | 'docs' | 'example';
export const CHANGE_KINDS: readonly ChangeKind[] = ['breaking', 'compatible', 'docs', 'example'];

export interface Change {
  kind: ChangeKind;
  /** `kind === 'breaking'`, kept for readers of the JSON output. */
  breaking: boolean;
  /** `CreateRecTask.request.Url`, `types.HotWord.Weight`, `DeleteAsrVocab`, `errors.InternalError` … */
  where: string;
  change: string;
}

export const change = (kind: ChangeKind, where: string, text: string): Change => ({ kind, breaking: kind === 'breaking', where, change: text });
