using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace JwtBlog.Web.Features.Docs;

// The API's OpenAPI 3.1 document at /openapi/v1.json, built from the endpoints' declared requests and results, and
// Scalar's interactive reference at /docs, served from the app itself.
public static class ApiDocsExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    // Scalar.AspNetCore 2.19.0 (api-reference 1.77.0) adds three <style> elements that carry no nonce; their exact
    // hashes are allowed and no other element. A new Scalar version may need new ones: the browser test
    // (ApiDocsBrowserTests) fails on any CSP violation and the console names the hash.
    private const string ScalarStyleElementHashes =
        "'sha256-St8O8YusCkYeC9X2ma3nlCP1u4+35DgBPOzt1kBwxsM=' 'sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo=' " +
        "'sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI='";

    private const string Bearer = "bearer";
    private const string Cookie = "cookie";
    private const string CsrfHeader = "csrf";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<ApiEndpointMetadata>().Any();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "JwtBlog API",
                    Version = "v1",
                    Description = "dj-rest-auth's /accounts/ and the /blog/ posts API. Errors: 400 {\"field\": [\"message\"], " +
                        "\"non_field_errors\": [...]}; other refusals {\"detail\": \"...\"}.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The access token in Authorization: Bearer. Needs no CSRF header.",
                };
                document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = AuthCookieNames.Access,
                    Description = "The access token in the HttpOnly cookie set by login/ and join/.",
                };
                document.Components.SecuritySchemes[CsrfHeader] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Csrf.HeaderName,
                    Description = "The page's <meta name=\"csrf-token\">; required with the cookie on POST, PUT, PATCH and DELETE.",
                };

                // Routes end with a slash, as the original's URLs do (both forms are answered).
                foreach (var (path, item) in document.Paths.Where(p => !p.Key.EndsWith('/')).ToList())
                {
                    document.Paths.Remove(path);
                    document.Paths[path + "/"] = item;
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(DescribeRequestFields);
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<IAuthorizeData>().Any() || context.Document is not { } document)
                {
                    return Task.CompletedTask;
                }

                var method = context.Description.HttpMethod ?? "GET";
                var csrf = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
                    && !metadata.OfType<CsrfExemptMetadata>().Any();
                var cookie = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] };
                if (csrf)
                {
                    cookie[new OpenApiSecuritySchemeReference(CsrfHeader, document)] = [];
                }

                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }, cookie];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    // A request record's fields are required only where it says [Required] (the rest are optional in the JSON), and
    // [AllowedValues] becomes the field's enum.
    private static Task DescribeRequestFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), true)
            is [AllowedValuesAttribute allowed, ..])
        {
            schema.Enum = [.. allowed.Values.Select(value => (JsonNode)JsonValue.Create(value as string ?? ""))];
        }

        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is null
            && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IJsonRequest<>)))
        {
            schema.Required = context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true)
                .Select(p => p.Name)
                .ToHashSet();
        }

        return Task.CompletedTask;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);

        // Scalar's bundle and its start script come from the app; a nonce made per request lets its inline start
        // script and its main stylesheet run under a CSP that allows no other script. Its components set style
        // attributes (which cannot carry a nonce), so /docs alone allows inline style attributes, never elements.
        app.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "JwtBlog API";
            options.OpenApiRoutePattern = DocumentPath;
            options.DynamicNonce = true;
            options.DefaultFonts = false;
        }).AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (context.HttpContext.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
            {
                context.HttpContext.Response.Headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; style-src-elem 'self' 'nonce-{nonce}' {ScalarStyleElementHashes}; " +
                    "style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
                    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            }

            return result;
        });
        return app;
    }
}
