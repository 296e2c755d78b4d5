"""Responses, their answers and their categories get random UUID keys, and drafts
are sealed rows of their own (surveys/drafts.py) instead of responses tied to
their recipient.

A bigint key cannot be altered into a UUID, nor an M2M given a through model, so
the three tables are dropped and created anew: the surveys app has not been
deployed anywhere, so there are no answers to keep. Written by hand for that."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0020_activity_recurrence'),
        ('portal', '0012_contact_pages'),
        ('surveys', '0001_surveys_questions_responses'),
    ]

    operations = [
        migrations.DeleteModel(name='Answer'),
        migrations.DeleteModel(name='Response'),
        migrations.CreateModel(
            name='Response',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='key')),
                ('idempotency_key', models.CharField(max_length=64, unique=True, verbose_name='form key')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='survey_responses', to='portal.department', verbose_name='department')),
                ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='survey_responses', to='organisations.district', verbose_name='district')),
                ('organisation', models.ForeignKey(blank=True, help_text='Only in surveys that are not anonymous.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='survey_responses', to='organisations.organisation', verbose_name='association')),
                ('recipient', models.OneToOneField(blank=True, help_text='Empty in an anonymous survey.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='response', to='surveys.recipient', verbose_name='recipient')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='surveys.survey', verbose_name='survey')),
            ],
            options={
                'verbose_name': 'response',
                'verbose_name_plural': 'responses',
                'indexes': [models.Index(condition=models.Q(('submitted_at__isnull', False)), fields=['survey'], name='response_submitted')],
            },
        ),
        migrations.CreateModel(
            name='ResponseCategory',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='key')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='organisations.category', verbose_name='category')),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='surveys.response', verbose_name='response')),
            ],
            options={
                'verbose_name': "response's category",
                'verbose_name_plural': "responses' categories",
                'constraints': [models.UniqueConstraint(fields=('response', 'category'), name='response_category_unique')],
            },
        ),
        migrations.AddField(
            model_name='response',
            name='categories',
            field=models.ManyToManyField(blank=True, related_name='survey_responses', through='surveys.ResponseCategory', to='organisations.category', verbose_name='categories'),
        ),
        migrations.CreateModel(
            name='Answer',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='key')),
                ('number', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='number')),
                ('text', models.TextField(blank=True, max_length=5000, verbose_name='text')),
                ('option', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='surveys.option', verbose_name='option or column')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='surveys.question', verbose_name='question')),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='surveys.response', verbose_name='response')),
                ('row', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='row_answers', to='surveys.option', verbose_name='matrix row')),
            ],
            options={
                'verbose_name': 'answer',
                'verbose_name_plural': 'answers',
                'indexes': [models.Index(fields=['question', 'option'], name='answer_question_option')],
                'constraints': [models.UniqueConstraint(fields=('response', 'question', 'row', 'option'), name='answer_unique_cell', nulls_distinct=False)],
            },
        ),
        migrations.CreateModel(
            name='Draft',
            fields=[
                ('recipient', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='draft', serialize=False, to='surveys.recipient', verbose_name='recipient')),
                ('sealed', models.BinaryField(verbose_name='sealed answers')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started')),
                ('saved_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='saved')),
            ],
            options={
                'verbose_name': 'draft answer',
                'verbose_name_plural': 'draft answers',
            },
        ),
    ]
