// Where the device's record is kept: its IndexedDB key and the one person it holds. A leaf module, so the
// device repository, its lazy loader and the move into an account can all read it without importing each other.

/** Where the device record is kept in IndexedDB. */
export const DEVICE_STORE_KEY = 'device-store';
/** The one person a device record holds. */
export const DEVICE_USER = 'device';
