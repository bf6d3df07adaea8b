using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace JwtBlog.Web.Features.Shared;

// A page form value holding U+0000 is refused with 400 before any handler runs: PostgreSQL cannot store it in text
// (a 500 otherwise), and the JSON API refuses it too (FieldMessages.NullCharacters). No person types one.
public sealed class NullCharacterFormFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // The form reader itself refuses an encoded U+0000 (and a malformed or oversized body).
                context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                return;
            }

            if (form.Any(field => FieldMessages.HasNullCharacter(field.Key) || field.Value.Any(FieldMessages.HasNullCharacter)))
            {
                context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                return;
            }
        }

        await next();
    }
}
