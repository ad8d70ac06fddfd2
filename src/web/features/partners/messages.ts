/**
 * UI texts of the partners screens, under the `partners` key: Simplified Chinese first, English typed
 * against it so no key is missing.
 */
export const partnersZhCN = {};

export const partnersEn: typeof partnersZhCN = {};
