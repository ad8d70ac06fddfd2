/**
 * UI texts of the registry screens, under the `registry` key: Simplified Chinese first, English typed
 * against it so no key is missing.
 */
export const registryZhCN = {};

export const registryEn: typeof registryZhCN = {};
