"""The engine's Gemini model, made once and imported by the routes."""
import google.generativeai as genai

genai.configure(api_key="test")
model = genai.GenerativeModel("gemini-1.5-flash")


def helper_model():
    return genai.GenerativeModel("gemini-1.5-pro")
