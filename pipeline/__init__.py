"""newspipe: multilingual news ingestion. Plain library; knows nothing of Airflow."""

__version__ = "0.1.0"
