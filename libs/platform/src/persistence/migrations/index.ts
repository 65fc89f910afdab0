import { Foundation1764300000000 } from "./1764300000000-foundation.migration";
import { Channels1764400000000 } from "./1764400000000-channels.migration";
import { Broadcast1764700000000 } from "./1764700000000-broadcast.migration";

export const migrations = [
  Foundation1764300000000,
  Channels1764400000000,
  Broadcast1764700000000,
];
