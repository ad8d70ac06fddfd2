/**
 * UI texts of the deliberation screens, under the `deliberation` key: Simplified Chinese first, English typed
 * against it so no key is missing.
 */
export const deliberationZhCN = {};

export const deliberationEn: typeof deliberationZhCN = {};
