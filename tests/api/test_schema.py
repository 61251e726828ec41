"""The OpenAPI schema validates without a warning, and its Swagger UI and Redoc pages
are served from our own static files under the strict CSP."""

import pytest
from django.core.management import call_command

from tests.api.conftest import LISTS

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "api.yml")

    schema = (tmp_path / "api.yml").read_text()
    assert "/api/v1/actions/{id}/history/" in schema
    assert "bearer" in schema


def test_the_schema_documents_every_list(client):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    for endpoint in LISTS:
        assert f"/api/v1/{endpoint}/" in paths


def test_the_docs_page_needs_no_cdn_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<script>" not in page
    assert "<style>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_docs_set_up_script_is_served(client):
    response = client.get("/api/v1/docs/", {"script": ""})

    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()


def test_the_redoc_page_needs_no_cdn_and_no_inline_script_or_style(client):
    response = client.get("/api/v1/redoc/")

    page = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in page
    assert "/static/api/redoc.js" in page
    assert 'data-spec-url="/api/v1/schema/"' in page
    assert "<script>" not in page
    assert "<style>" not in page
    assert "https://" not in page
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    # Redoc's own styles carry this request's nonce, the one its starting script has.
    nonce = response.wsgi_request.csp_nonce
    assert f'nonce="{nonce}"' in page
    assert f"style-src 'self' 'nonce-{nonce}'" in policy


def test_the_swagger_ui_page_keeps_the_strict_styles(client):
    """Only the Redoc page lets styles with its nonce apply."""
    policy = client.get("/api/v1/docs/")["Content-Security-Policy"]

    # The header's directives come in no fixed order.
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["style-src"] == "'self'"


def test_the_api_tokens_page_links_to_both_documentation_pages(client, personas):
    client.force_login(personas.police_lead)

    page = client.get("/account/api-tokens/").content.decode()

    assert 'href="/api/v1/redoc/"' in page
    assert 'href="/api/v1/docs/"' in page
