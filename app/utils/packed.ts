// A large loader payload sent as one JSON string. Remix encodes loader data with turbo-stream,
// which walks every value of it: for the analysis page's half a megabyte of figures that was a
// sixth of the server's CPU per request. JSON.stringify is native and runs once per result (the
// result is kept, decision 0006); the page parses it once where it renders.
import { useMemo } from "react";

declare const packedType: unique symbol;
export type Packed<T> = { json: string; readonly [packedType]?: T };

export function pack<T>(value: T): Packed<T> {
  return { json: JSON.stringify(value) };
}

export function unpack<T>(packed: Packed<T>): T {
  return JSON.parse(packed.json) as T;
}

export function useUnpacked<T>(packed: Packed<T>): T {
  return useMemo(() => unpack(packed), [packed.json]);
}
