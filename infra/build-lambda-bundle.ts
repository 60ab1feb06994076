import { build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLING } from './constructs/lambda-bundling.js';

/** esbuild settings in LAMBDA_BUNDLING's shape: today's, or an older commit's (the bundle bench's baseline). */
export interface BundlingSettings {
  format: 'esm';
  target: string;
  mainFields: readonly string[];
  minify: boolean;
  /** Absent in older commits' settings, which did not keep names. */
  keepNames?: boolean;
  banner: string;
  alias: Readonly<Record<string, string>>;
  external: readonly string[];
}

/**
 * Builds one handler as NodejsFunction does (`esbuild --bundle --platform=node` with the construct's
 * settings and a linked source map), with esbuild's API instead of its CLI, for the bundle bench and
 * the bundle-size test. `root` is the tree to build from: module aliases resolve against it, as CDK
 * resolves them against the project root.
 */
export const buildLambdaBundle = async (
  root: string,
  entry: string,
  outfile: string,
  settings: BundlingSettings = LAMBDA_BUNDLING,
): Promise<Metafile> => {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: settings.format,
    target: settings.target,
    mainFields: [...settings.mainFields],
    minify: settings.minify,
    keepNames: settings.keepNames ?? false,
    banner: { js: settings.banner },
    alias: { ...settings.alias },
    external: [...settings.external],
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'error',
  });
  return metafile;
};
