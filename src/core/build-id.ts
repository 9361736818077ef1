// Which build of callgrade is running: the build script sets it to a hash of the sources it bundled.
declare const __CALLGRADE_BUILD__: string | undefined;

/** A hash of the sources of this build; undefined when running from the sources themselves (tests, tsx). */
export const BUILD_ID: string | undefined =
  typeof __CALLGRADE_BUILD__ === "string" ? __CALLGRADE_BUILD__ : undefined;
