"""The LLM path: a model reads the GDD more deeply than the offline reader, verified like everything
else, with the offline reading as its floor (maestro.llm.reader). Off by default (llm.enabled); with it
off nothing here is imported and nothing is contacted.

    client.py   the one way to call a model: langchain chat model, JSON schema, cache, token budget
    schema.py   what the model answers, validated part by part
    prompts/    the prompts, as files (prompts.py fills them)
    reader.py   GDD text -> GameSpec with the model's parts and GameSpec.reading saying which
"""
