// `npm run image:build`: builds Wharf's container image (the Dockerfile, scripts/image/build-image.ts).
//
//   npm run image:build -- [--tag wharf:latest] [--base-image IMAGE] [--with-node-modules]
//   npm run image:build -- --lab [lab-N]      in the lab: on lab-1's engine (or lab-N's), from the
//                                             lab's Debian base image, shipping node_modules
//
// The Docker CLI's own settings apply (DOCKER_HOST, contexts). Exits non-zero with one sentence on failure.
import { parseArgs } from 'node:util';
import { buildImage, labImageOptions } from './build-image.ts';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tag: { type: 'string', default: 'wharf:latest' },
      'base-image': { type: 'string' },
      'with-node-modules': { type: 'boolean', default: false },
      lab: { type: 'boolean', default: false },
    },
  });
  const options = values.lab
    ? await labImageOptions(positionals[0] ?? 'lab-1', values.tag)
    : { tag: values.tag, baseImage: values['base-image'], withNodeModules: values['with-node-modules'] };
  await buildImage(options);
  console.log(`Built ${options.tag}${options.dockerHost ? ` on ${options.dockerHost}` : ''}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
