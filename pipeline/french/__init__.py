"""French local-government knowledge: vocabularies and nomenclatures used to read délibérations."""
