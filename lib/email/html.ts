/** Text made safe inside HTML: every email of the app and the unsubscribe page. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
