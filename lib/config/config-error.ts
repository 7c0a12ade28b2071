/** A setting that cannot be used. Its message names the variable (or the profiles file's field). */
export class ConfigError extends Error {}

/** A profiles file that cannot be used: the studio does not start with it. */
export class ProfilesFileError extends ConfigError {}
