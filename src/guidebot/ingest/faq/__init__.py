"""FAQ tables and exports (CSV, TSV, Excel, JSON, YAML, QnA Maker, QnABot, Rasa, Dialogflow)
read into rows; `guidebot.ingest.tables` recognises which one a file is and calls these."""
