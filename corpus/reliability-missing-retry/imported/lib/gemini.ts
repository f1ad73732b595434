// The Gemini client and model live in one module; routes import them (reliability-missing-retry
// follows one hop of project imports).
import { GoogleGenerativeAI } from '@google/generative-ai'

export const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!)
const flash = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' })
export { flash as model }
export default genAI
