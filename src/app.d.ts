// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// The app has no server routes (the API is a separate Hono app), so no Locals or PageData shapes.
	}
}

export {};
