/** The demo town, used when TOWN_CONFIG is not set. */
export const DEFAULT_TOWN_FILE = new URL('../../town/musterstadt.yaml', import.meta.url).pathname;
