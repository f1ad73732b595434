class Settings:
    API_PREFIX = "/api/v1"
    ENVIRONMENT = "production"


settings = Settings()
