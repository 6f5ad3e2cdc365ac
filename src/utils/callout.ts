/**
 * Callout variants. Zenn's `:::message` is `info`, `:::message alert` is `alert`. The remark plugin,
 * the `Callout` component and the tests all read this one list.
 */
export const calloutVariants = ['info', 'alert'] as const;
export type CalloutVariant = (typeof calloutVariants)[number];
export const isCalloutVariant = (value: unknown): value is CalloutVariant =>
  typeof value === 'string' && (calloutVariants as readonly string[]).includes(value);

/** What a screen reader announces for the box when it has no heading of its own. */
export const calloutLabels: Record<CalloutVariant, string> = { info: 'メモ', alert: '注意' };
