import { Foundation1764300000000 } from './1764300000000-foundation.migration';
import { Channels1764400000000 } from './1764400000000-channels.migration';

/** Listed explicitly so the build needs no glob and the order is the reader's, not the file system's. */
export const migrations = [Foundation1764300000000, Channels1764400000000];
