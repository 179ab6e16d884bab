"""A readable, accessible page of the API's endpoints, drawn from the same OpenAPI document.

Swagger UI (django-ninja's default) fails axe-core's contrast and nested-control rules and is English
only; this page is plain HTML in the site's own shell, in both languages.
"""

from django.shortcuts import render

from lantern.api import api

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": p.get("schema", {}).get("type", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "responses": sorted(op.get("responses", {})),
                    "needs_auth": bool(op.get("security")),
                }
            )
    return operations


def api_docs(request):
    schema = api.get_openapi_schema()
    return render(
        request,
        "api_docs.html",
        {
            "info": schema["info"],
            "operations": _operations(schema),
            "openapi_url": request.build_absolute_uri("/api/v1/openapi.json"),
        },
    )
