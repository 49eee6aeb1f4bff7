import raw from "./pak-afg-2025.json";
import { parseDataset } from "./parse";
import type { Dataset } from "./schema";

export { parseDataset };

/** The shipped data set: the 2025 Pakistan–Afghanistan crisis. */
export function shippedDataset(): Dataset {
  return parseDataset(raw);
}
