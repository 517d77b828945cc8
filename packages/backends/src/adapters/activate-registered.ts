/** Switches tfjs to a registered backend, or explains why it could not. */

import { BackendError } from '@recurrent/errors';
import type * as tfType from '@tensorflow/tfjs-core';

export async function activateRegistered(
  tf: typeof tfType,
  adapterName: string,
  tfjsName: string,
): Promise<void> {
  if (!tf.findBackendFactory(tfjsName)) {
    throw new BackendError(
      `${adapterName}: the package loaded but registered no '${tfjsName}' backend with this @tensorflow/tfjs-core (${tf.version_core}). ` +
        'Two copies of tfjs-core are installed; align every @tensorflow/* package on one version (4.22.0).',
    );
  }
  let ok = false;
  try {
    ok = await tf.setBackend(tfjsName);
  } catch (error) {
    throw new BackendError(
      `${adapterName}: the backend failed to initialise: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (!ok)
    throw new BackendError(
      `${adapterName}: the backend failed to initialise (tf.setBackend('${tfjsName}') returned false).`,
    );
}
