namespace JwtBlog.Web.Features.Shared;

// What the API's endpoint filter needs of any JsonRequest<T>: the answer to send instead of running the handler.
public interface IJsonRequestBinding
{
    IResult? Refusal { get; }
}
