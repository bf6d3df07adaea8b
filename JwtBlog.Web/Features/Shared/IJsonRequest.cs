namespace JwtBlog.Web.Features.Shared;

// A declared API request: reads its fields from the DRF error engine, adding every field's errors to body.Errors.
// The context is there for the few rules that need the clock, the configuration or the database (a unique email).
public interface IJsonRequest<TSelf> where TSelf : IJsonRequest<TSelf>
{
    static abstract ValueTask<TSelf> ReadAsync(JsonBody body, HttpContext context);
}
