/** The personal-data key of every test database (the template is seeded with it). */
export const TEST_DATA_KEY = "07".repeat(32);
export const TEST_SEED = 20231201;
