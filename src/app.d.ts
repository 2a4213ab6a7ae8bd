// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// The app has no server routes (the API is a separate Hono app), so no Locals or PageData shapes.
		interface PageState {
			/** The customer's code or payment result is open over the home screen: Back closes it (shallow routing). */
			customerOverlay?: boolean;
		}
	}
}

export {};
