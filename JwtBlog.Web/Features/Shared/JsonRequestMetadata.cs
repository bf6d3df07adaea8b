using Microsoft.AspNetCore.Http.Metadata;

namespace JwtBlog.Web.Features.Shared;

// The request body an endpoint declares: JSON of RequestType, optional because an empty body reads as {}.
public sealed class JsonRequestMetadata(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];

    public Type? RequestType { get; } = requestType;

    public bool IsOptional => true;
}
