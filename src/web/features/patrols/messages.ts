/**
 * UI texts of the patrols screens, under the `patrols` key: Simplified Chinese first, English typed
 * against it so no key is missing.
 */
export const patrolsZhCN = {};

export const patrolsEn: typeof patrolsZhCN = {};
