using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace JwtBlog.Web.Features.Shared;

// The bindable wrapper of a declared request. Binding never fails: a 400/413/415 is kept in Refusal and answered by
// the API's endpoint filter (see ApiEndpointExtensions.AsApi) before the handler runs, so a handler only sees Value.
[SuppressMessage("Design", "CA1000", Justification = "BindAsync and PopulateMetadata are static by the framework's binding contract.")]
public sealed class JsonRequest<T> : IJsonRequestBinding, IEndpointParameterMetadataProvider where T : class, IJsonRequest<T>
{
    private readonly T? _value;

    private JsonRequest(T? value, IResult? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    public T Value => _value ?? throw new InvalidOperationException("The request was refused; the API filter answers it.");

    public IResult? Refusal { get; }

    public static async ValueTask<JsonRequest<T>> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var (body, error) = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return new JsonRequest<T>(null, error);
        }

        var value = await T.ReadAsync(body, context);
        return new JsonRequest<T>(value, body.Errors.Any ? body.Errors.ToResult() : null);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new JsonRequestMetadata(typeof(T)));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(FieldErrors), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(DetailResponse), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(DetailResponse), ["application/json"]));
    }
}
