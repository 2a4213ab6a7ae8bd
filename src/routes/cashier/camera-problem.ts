import type { MessageKey } from '$lib/i18n/en';
import type { CameraErrorKind } from '$lib/scan/camera';

/**
 * What the cashier reads when the camera cannot be had, by why (src/lib/scan/camera.ts classifyCameraError): one
 * list for every screen that scans a code (the sale's and the top-up's), so they say the same thing.
 */
export const CAMERA_PROBLEM: Record<CameraErrorKind, MessageKey> = {
	denied: 'camera.denied',
	'no-camera': 'camera.none',
	insecure: 'camera.insecure',
	'in-use': 'camera.inUse',
	failed: 'camera.failed'
};
