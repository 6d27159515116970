// Injected by the build from package.json; under plain Node (tests) read from the environment npm sets.
declare const __LOTLINE_VERSION__: string | undefined;

export const APP_VERSION: string =
  typeof __LOTLINE_VERSION__ === 'string' ? __LOTLINE_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
