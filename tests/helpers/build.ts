// Vitest global setup: tests that start the CLI run the built package (dist/), as a user's install does, so
// it is built from the current sources once before any test runs.
import { buildPackage } from "../../scripts/build.js";

export default async function setup(): Promise<void> {
  await buildPackage();
}
