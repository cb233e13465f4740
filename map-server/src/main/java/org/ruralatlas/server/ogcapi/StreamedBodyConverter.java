package org.ruralatlas.server.ogcapi;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/** Writes a {@link StreamedBody} in whatever content type the controller chose. */
@Component
public class StreamedBodyConverter extends AbstractHttpMessageConverter<StreamedBody> {

    public StreamedBodyConverter() {
        super(MediaType.ALL);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return StreamedBody.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected StreamedBody readInternal(Class<? extends StreamedBody> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("a streamed body is written, never read", input);
    }

    @Override
    protected void writeInternal(StreamedBody body, HttpOutputMessage output) throws IOException {
        body.writeTo(output.getBody());
    }
}
