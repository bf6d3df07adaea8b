using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace JwtBlog.Web.Features.Shared;

public static class ApiEndpointExtensions
{
    // Marks the endpoints as API endpoints and gives every one that declares a JsonRequest<T> the filter answering
    // its 400/413/415 before the handler runs. Filters added to a group before AsApi run before it (a feature's
    // not found or forbidden comes before anything about the body).
    public static TBuilder AsApi<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(ApiEndpointMetadata.Instance);
        builder.Add(endpoint => endpoint.FilterFactories.Add(RefuseBadRequests));
        builder.Finally(DeclareCommonRefusals);
        return builder;
    }

    // The {"detail": ...} answers an endpoint gives, for the OpenAPI document.
    public static TBuilder ProducesDetail<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            foreach (var statusCode in statusCodes)
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(DetailResponse), ["application/json"]));
            }
        });
        return builder;
    }

    public static bool IsApiEndpoint(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is not null;

    // 401 where authorization is required, 403 where the CSRF check applies (an unsafe method, not exempt).
    private static void DeclareCommonRefusals(EndpointBuilder endpoint)
    {
        var statusCodes = new List<int>();
        if (endpoint.Metadata.OfType<IAuthorizeData>().Any())
        {
            statusCodes.Add(StatusCodes.Status401Unauthorized);
        }

        var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods);
        if (!endpoint.Metadata.OfType<CsrfExemptMetadata>().Any()
            && methods.Any(m => !(HttpMethods.IsGet(m) || HttpMethods.IsHead(m) || HttpMethods.IsOptions(m))))
        {
            statusCodes.Add(StatusCodes.Status403Forbidden);
        }

        foreach (var statusCode in statusCodes.Where(s => !endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == s)))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(DetailResponse), ["application/json"]));
        }
    }

    private static EndpointFilterDelegate RefuseBadRequests(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var index = Array.FindIndex(context.MethodInfo.GetParameters(), p => typeof(IJsonRequestBinding).IsAssignableFrom(p.ParameterType));
        if (index < 0)
        {
            return next;
        }

        return invocation => invocation.GetArgument<IJsonRequestBinding>(index).Refusal is { } refusal
            ? ValueTask.FromResult<object?>(refusal)
            : next(invocation);
    }
}
