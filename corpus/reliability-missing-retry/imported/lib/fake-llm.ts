// A module with the same method names that does not use the Gemini SDK (a test double).
export const model = {
  async generateContent(prompt: string) {
    return { response: { text: () => prompt.toUpperCase() } }
  },
}
