/**
 * dio's {@code multipart/form-data}: {@link io.github.diospring.form.FormData} and
 * {@link io.github.diospring.form.MultipartFile}, with dio's wire format, exact length and
 * bodies that can be sent again (retries, redirects) without {@code clone()}.
 *
 * <pre>{@code
 * FormData form = FormData.fromMap(Map.of("name", "wendux", "file", MultipartFile.fromFile(path)));
 * dio.post("/info", form);
 * }</pre>
 */
@NullMarked
package io.github.diospring.form;

import org.jspecify.annotations.NullMarked;
